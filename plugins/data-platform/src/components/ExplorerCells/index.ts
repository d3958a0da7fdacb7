export { NameCell, OwnerText, TagChips } from './ExplorerCells';
