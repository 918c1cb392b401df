// Patch attributes of SPEC §4: the zod schema, validation errors and coordinate keys.
export {
  attrsSchema,
  validateAttrs,
  nonDefaultAttrs,
  DATA_CATEGORIES,
  DECLARED_KEYS,
  MAX_LENGTHS,
  type DeclaredAttrs,
  type PatchAttrs,
} from "./schema.ts";
export { splitCoordAttrs, flattenCoords, COORD_SUFFIXES, type CoordAttrInfo, type CoordSuffix } from "./coordKeys.ts";
