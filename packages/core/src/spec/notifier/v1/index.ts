export type {
  NotificationAlertV1,
  NotificationStatusV1,
  NotificationV1,
  SeverityV1,
} from './notification-v1.js';
export type { DeliveryResultV1, NotifierV1, SendOptionsV1 } from './notifier-v1.js';
