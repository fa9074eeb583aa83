// What the rest of the taxes module may use from the PSE gateway part (see README.md).
export {
  createHttpPaymentGateway,
  type HttpGatewayConfig,
  httpGatewayConfigFromEnv,
} from './http-gateway.adapter.ts';
export { errorForPseReturnCode, gatewayErrors, PaymentGatewayError } from './payment-gateway.errors.ts';
export {
  type Bank,
  type BankInterface,
  type CallbackHeaders,
  type CreatedTransaction,
  type CreateTransactionInput,
  type FinalTransactionState,
  GATEWAY_TRANSACTION_STATES,
  type GatewayNotification,
  type GatewayTransaction,
  type GatewayTransactionState,
  isFinalState,
  PAYER_DOCUMENT_TYPES,
  type Payer,
  type PayerDocumentType,
  type PaymentGateway,
  paysTheBill,
} from './payment-gateway.ts';
export {
  alertAt,
  DEFAULT_RECONCILIATION_POLICY,
  giveUpAt,
  nextQueryAt,
  type PendingAttempt,
  plannedQueryTimes,
  type ReconciliationDecision,
  type ReconciliationPolicy,
  reconciliationDecision,
  validateReconciliationPolicy,
} from './reconciliation.rules.ts';
export {
  type CallbackDelivery,
  DEFAULT_SANDBOX_BEHAVIOUR,
  type SandboxBehaviour,
  type SandboxGateway,
  type SandboxGatewayOptions,
  type SettleMode,
  startSandboxGateway,
} from './sandbox-gateway.server.ts';
