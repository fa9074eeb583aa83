export {
  formatIdentifier,
  type Identifier,
  type IdentifierRequest,
  nextIdentifier,
} from './identifiers.service.ts';
