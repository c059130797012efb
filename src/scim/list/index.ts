// Public API of src/scim/list: paging, sorting and the ListResponse message.
export {
  type ListPage,
  type ListResponse,
  listResponse,
  listResponseSchema,
} from './list-response.ts';
export { normalizePage, type Page, type PageLimits, type PageRequest } from './normalize-page.ts';
export {
  compareCodePoints,
  parseSortOrder,
  resolveSortBy,
  type SortOrder,
  sortResources,
} from './sort-resources.ts';
