/**
 * `npm run report`: every metric the library has, computed on the bundled sample data (examples/data, made by
 * the project's seeded generators), printed as one table per family.
 */
import { readFileSync } from 'node:fs';
import type { Ticket } from '../src/index.js';
import { printSections, type ReportSection } from './report/table.js';
import { businessHoursSections } from './report/businessHours.js';
import { contactCentreSections } from './report/contactCentre.js';
import { outcomesSections } from './report/outcomes.js';
import { surveysAndCostSections } from './report/surveysAndCost.js';
import { timingSections } from './report/timing.js';
import { breakdownSections } from './report/breakdowns.js';

const tickets = JSON.parse(readFileSync(new URL('./data/tickets.json', import.meta.url), 'utf8')) as Ticket[];

const sections: ReportSection[] = [
  ...timingSections(tickets),
  ...outcomesSections(tickets, Date.UTC(2026, 0, 5)),
  ...breakdownSections(tickets),
  ...businessHoursSections(tickets),
  ...contactCentreSections(),
  ...surveysAndCostSections(),
];

console.log('helpdesk-metrics report — bundled sample data (examples/data)');
printSections(sections);
