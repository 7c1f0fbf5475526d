const rigaDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Riga',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day in Riga (YYYY-MM-DD): a clerk's "today" does not end at UTC midnight. */
export function rigaDay(at: Date): string {
  return rigaDate.format(at);
}
