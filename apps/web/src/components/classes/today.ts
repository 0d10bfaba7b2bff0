/**
 * Today as a date input's value (YYYY-MM-DD, the browser's time zone): the earliest due date a
 * date picker offers. Only a hint: the server decides what "past" is and says so (DUE_DATE_PAST).
 */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}
