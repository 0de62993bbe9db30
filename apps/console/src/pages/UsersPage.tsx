// Being written (CONSOLE-FRONTEND).
export function UsersPage() {
  return <div>建设中</div>;
}
