import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { REQUEST_ID_HEADER } from '@carebridge/common';
import type { GatewayContext } from './context';

/**
 * Calls one subgraph over HTTP. No client header is passed through: the request a subgraph sees
 * carries only the verified token and the request id set here, so identity headers a client
 * invents (x-user-id, x-organization-id…) never reach a service.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = options.request.http?.headers;
    // Health checks and schema loading have no incoming request, hence no token to forward.
    if (!headers || !('incomingRequestContext' in options)) return;
    headers.set('authorization', `Bearer ${options.context.token}`);
    headers.set(REQUEST_ID_HEADER, options.context.requestId);
  }
}
