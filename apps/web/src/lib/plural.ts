/** "1 answer", "2 answers": a count and its noun in English, the plural given when not just "+s". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
