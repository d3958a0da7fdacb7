export { TeamDataContent, teamOwnerRefs } from './TeamDataContent';
