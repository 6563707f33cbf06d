import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { REQUEST_ID_HEADER } from '@carebridge/common';
import type { GatewayContext } from './context';

/**
 * Calls one subgraph over HTTP. Client headers are not passed through wholesale: only what a
 * subgraph needs is set here, so a client cannot smuggle headers to the services behind.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = options.request.http?.headers;
    if (!headers) return;
    // Health checks and schema loading have no incoming request, hence no request id.
    const requestId = 'incomingRequestContext' in options ? options.context.requestId : undefined;
    if (requestId) headers.set(REQUEST_ID_HEADER, requestId);
  }
}
