import dayjs from 'dayjs';
import 'dayjs/locale/vi';

// Date pickers and relative dates speak Vietnamese.
dayjs.locale('vi');

/** The Vietnamese formats are core's (`@cchc/core/format`), shared with the exports. */
export { formatDate, formatDateTime, formatNumber, formatPercent, formatRate, formatFixed, formatDateRange } from '@cchc/core/format';
