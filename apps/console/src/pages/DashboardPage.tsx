// Being written (CONSOLE-FRONTEND).
export function DashboardPage() {
  return <div>建设中</div>;
}
