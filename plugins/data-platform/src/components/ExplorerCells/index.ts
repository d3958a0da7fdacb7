export {
  LastPartitionCell,
  LatestRunCell,
  NameCell,
  OwnerText,
  TagChips,
} from './ExplorerCells';
