// The units module's door: pint-style parsing, algebra, formatting and conversion of unit strings.
export { parseQuantity, formatUnits, multiply, invert, power, conversion, type Quantity } from "./quantity.ts";
export { lookupUnit, type UnitDef } from "./table.ts";
