import type { App } from './http/types';
import { registerAuthRoutes } from './auth/auth.routes';
import { registerUnitRoutes } from './units/unit.routes';
import { registerUserRoutes } from './users/user.routes';
import { registerCalendarRoutes } from './calendar/calendar.routes';
import { registerAuditRoutes } from './audit/audit.routes';
import { registerNotificationRoutes } from './notifications/notification.routes';
import { registerMetricRoutes } from './metrics/metrics.routes';

export function registerCoreRoutes(app: App): void {
  registerAuthRoutes(app);
  registerUnitRoutes(app);
  registerUserRoutes(app);
  registerCalendarRoutes(app);
  registerAuditRoutes(app);
  registerNotificationRoutes(app);
  registerMetricRoutes(app);
}
