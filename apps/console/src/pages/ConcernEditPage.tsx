// Being written (CONSOLE-FRONTEND).
export function ConcernEditPage() {
  return <div>建设中</div>;
}
