// Being written (CONSOLE-FRONTEND).
export function ImportPage() {
  return <div>建设中</div>;
}
