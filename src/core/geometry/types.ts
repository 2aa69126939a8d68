/** A vertex in pixel coordinates, x then y. */
export type Point = [number, number];
/** A closed polygon: vertices in order, the last joined to the first. */
export type Polygon = Point[];
