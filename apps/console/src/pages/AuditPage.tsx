// Being written (CONSOLE-FRONTEND).
export function AuditPage() {
  return <div>建设中</div>;
}
