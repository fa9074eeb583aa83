// Every module's permissions and roles, for programs that check roles without building the modules
// (the CLI creating officials or seeding the demo). The server gets them through modules.ts.
import './correspondence/correspondence.authz.ts';
import './helpdesk/helpdesk.authz.ts';
import './requests/requests.authz.ts';
import './taxes/taxes.authz.ts';
