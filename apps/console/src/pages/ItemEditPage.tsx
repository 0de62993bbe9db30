// Being written (CONSOLE-FRONTEND).
export function ItemEditPage() {
  return <div>建设中</div>;
}
