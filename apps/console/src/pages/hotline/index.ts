export { HotlineSearchPage } from './HotlineSearchPage';
export { WorkOrderListPage } from './WorkOrderListPage';
export { WorkOrderDetailPage } from './WorkOrderDetailPage';
