// Being written (CONSOLE-FRONTEND).
export function LearningPage() {
  return <div>建设中</div>;
}
