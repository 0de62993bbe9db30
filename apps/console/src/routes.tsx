/**
 * Every console page, in menu order. `roles`: who sees it (admin always does). `menu: false` keeps
 * detail pages (with :params) out of the side menu. Other helpers add ONE line here per page.
 */
import type { ReactNode } from 'react';
import {
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  BulbOutlined,
  CloudDownloadOutlined,
  CloudUploadOutlined,
  ExclamationCircleOutlined,
  LikeOutlined,
  ProfileOutlined,
  QuestionCircleOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Role } from './session';
import { AuditPage } from './pages/AuditPage';
import { ConcernEditPage } from './pages/ConcernEditPage';
import { ConcernListPage } from './pages/ConcernListPage';
import { DashboardPage } from './pages/DashboardPage';
import { ExportPage } from './pages/ExportPage';
import { FeedbackPage } from './pages/FeedbackPage';
import { ImportPage } from './pages/ImportPage';
import { InterpretationEditPage } from './pages/InterpretationEditPage';
import { InterpretationListPage } from './pages/InterpretationListPage';
import { ItemEditPage } from './pages/ItemEditPage';
import { ItemListPage } from './pages/ItemListPage';
import { LearningPage } from './pages/LearningPage';
import { ReviewsPage } from './pages/ReviewsPage';
import { UsersPage } from './pages/UsersPage';
import { PhoneOutlined, SolutionOutlined } from '@ant-design/icons';
import { HotlineSearchPage, WorkOrderDetailPage, WorkOrderListPage } from './pages/hotline';

export interface ConsoleRoute {
  path: string;
  label: string;
  roles: Role[];
  element: ReactNode;
  icon?: ReactNode;
  menu?: boolean;
}

const EDITORS: Role[] = ['curator'];

export const routes: ConsoleRoute[] = [
  { path: '/concerns', label: '关切事项', roles: EDITORS, element: <ConcernListPage />, icon: <QuestionCircleOutlined /> },
  { path: '/concerns/new', label: '新建关切事项', roles: EDITORS, element: <ConcernEditPage />, menu: false },
  { path: '/concerns/:id', label: '编辑关切事项', roles: EDITORS, element: <ConcernEditPage />, menu: false },
  { path: '/reviews', label: '待复核', roles: EDITORS, element: <ReviewsPage />, icon: <ExclamationCircleOutlined /> },
  { path: '/items', label: '目录事项', roles: EDITORS, element: <ItemListPage />, icon: <ProfileOutlined /> },
  { path: '/items/new', label: '新建目录事项', roles: EDITORS, element: <ItemEditPage />, menu: false },
  { path: '/items/:id', label: '目录事项详情', roles: EDITORS, element: <ItemEditPage />, menu: false },
  { path: '/interpretations', label: '政策解读', roles: EDITORS, element: <InterpretationListPage />, icon: <BookOutlined /> },
  { path: '/interpretations/new', label: '新建政策解读', roles: EDITORS, element: <InterpretationEditPage />, menu: false },
  { path: '/interpretations/:id', label: '政策解读详情', roles: EDITORS, element: <InterpretationEditPage />, menu: false },
  { path: '/import', label: '目录导入', roles: EDITORS, element: <ImportPage />, icon: <CloudUploadOutlined /> },
  { path: '/export', label: '导出', roles: EDITORS, element: <ExportPage />, icon: <CloudDownloadOutlined /> },
  { path: '/learning', label: '学习闭环', roles: EDITORS, element: <LearningPage />, icon: <BulbOutlined /> },
  { path: '/feedback', label: '群众反馈', roles: EDITORS, element: <FeedbackPage />, icon: <LikeOutlined /> },
  { path: '/dashboard', label: '数据看板', roles: EDITORS, element: <DashboardPage />, icon: <BarChartOutlined /> },
  { path: '/audit', label: '操作日志', roles: EDITORS, element: <AuditPage />, icon: <AuditOutlined /> },
  { path: '/users', label: '用户管理', roles: ['admin'], element: <UsersPage />, icon: <TeamOutlined /> },
  { path: '/hotline/search', label: '热线答复检索', roles: ['operator'], element: <HotlineSearchPage />, icon: <PhoneOutlined /> },
  { path: '/hotline/orders', label: '热线工单', roles: ['operator'], element: <WorkOrderListPage />, icon: <SolutionOutlined /> },
  { path: '/hotline/orders/:id', label: '工单详情', roles: ['operator'], element: <WorkOrderDetailPage />, menu: false },
];
