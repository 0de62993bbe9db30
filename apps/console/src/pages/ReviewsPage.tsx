// Being written (CONSOLE-FRONTEND).
export function ReviewsPage() {
  return <div>建设中</div>;
}
