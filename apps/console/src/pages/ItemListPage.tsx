// Being written (CONSOLE-FRONTEND).
export function ItemListPage() {
  return <div>建设中</div>;
}
