/**
 * A whole number with its thousands separated by commas, as `toLocaleString('en-US')` writes it. Used where a
 * message is built at import: the first `toLocaleString` call loads the Intl number data (a few ms).
 *
 * @example
 * ```ts
 * digitGroups(100000); //=> '100,000'
 * ```
 */
export function digitGroups(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
