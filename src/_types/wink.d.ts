// The wink packages ship no type declarations: these cover what overturn uses.

declare module 'wink-porter2-stemmer' {
  /** Porter2 stem of one lowercase English word. */
  const stem: (word: string) => string;
  export default stem;
}

declare module 'wink-naive-bayes-text-classifier' {
  interface NaiveBayesTextClassifier {
    defineConfig(config: { considerOnlyPresence?: boolean; smoothingFactor?: number }): boolean;
    definePrepTasks(tasks: ((input: unknown) => unknown)[]): number;
    learn(input: unknown, label: string): boolean;
    consolidate(): boolean;
    computeOdds(input: unknown): [string, number][];
    predict(input: unknown): string;
    exportJSON(): string;
  }
  const create: () => NaiveBayesTextClassifier;
  export default create;
}
