// Being written (CONSOLE-FRONTEND).
export function InterpretationListPage() {
  return <div>建设中</div>;
}
