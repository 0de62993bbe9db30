// Being written (CONSOLE-FRONTEND).
export function ConcernListPage() {
  return <div>建设中</div>;
}
