// Being written (CONSOLE-FRONTEND).
export function FeedbackPage() {
  return <div>建设中</div>;
}
