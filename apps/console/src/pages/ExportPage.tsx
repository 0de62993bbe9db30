// Being written (CONSOLE-FRONTEND).
export function ExportPage() {
  return <div>建设中</div>;
}
