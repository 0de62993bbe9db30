// Being written (CONSOLE-FRONTEND).
export function InterpretationEditPage() {
  return <div>建设中</div>;
}
