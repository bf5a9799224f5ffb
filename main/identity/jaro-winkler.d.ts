/** The `jaro-winkler` package ships no types: one function, the textbook Jaro-Winkler similarity in [0, 1]. */
declare module 'jaro-winkler' {
  export default function distance(a: string, b: string, options?: { caseSensitive?: boolean }): number;
}
