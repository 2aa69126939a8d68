/**
 * Kinds of number a report holds. To TypeScript each is a plain number; their tags are read
 * by the generator of report.schema.json (`npm run schema`), so the schema's ranges are
 * stated once, on the types of the figures, where they are produced.
 */

/**
 * A whole number from 0: a count, an index, a size in bytes.
 * @asType integer
 * @minimum 0
 */
export type Count = number;

/**
 * A whole number from 1: a size that cannot be empty, a 1-based position.
 * @asType integer
 * @minimum 1
 */
export type PositiveCount = number;

/**
 * A whole number of either sign (a tensor dimension, where -1 may mean "dynamic").
 * @asType integer
 */
export type Integer = number;

/**
 * A number from 0: a duration, a rate, a percentage, bytes that need not be whole.
 * @minimum 0
 */
export type NonNegative = number;

/**
 * A share or a score from 0 to 1 (recall, precision, H-mean, hit rate).
 * @minimum 0
 * @maximum 1
 */
export type Fraction = number;
