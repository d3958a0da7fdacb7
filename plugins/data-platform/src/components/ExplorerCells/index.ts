export {
  identityColumns,
  LastPartitionCell,
  LatestRunCell,
  NameCell,
  OwnerText,
  TagChips,
} from './ExplorerCells';
