export { createSchedule, type Schedule, type ScheduleOptions, type ScheduleHoliday, type Holiday, type TimeWindow, type Weekday } from './schedule.js';
export { businessDuration, addBusinessTime } from './businessTime.js';
export {
  explainBusinessDuration,
  type BusinessDurationExplanation,
  type BusinessDay,
  type BusinessInterval,
} from './explainBusinessDuration.js';
