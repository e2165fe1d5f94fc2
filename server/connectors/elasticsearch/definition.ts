/**
 * Elasticsearch REST API 8.x (https://www.elastic.co/guide/en/elasticsearch/reference/8.15/search-search.html
 * and …/cluster-health.html): search an index, data stream or pattern with a Query DSL object
 * (`POST /{index}/_search` `{ query, size, sort, _source }`), and the cluster's health
 * (`GET /_cluster/health`) as the health action. Auth: an API key as
 * `Authorization: ApiKey <base64 of id:api_key>` (the `encoded` value the create API key call
 * returns); the cluster's host and port are credential settings (9200 self-managed, 443 on
 * Elastic Cloud). Errors are `{ error: { root_cause, type, reason }, status }`:
 * security_exception (401 wrong key, 403 missing privilege), index_not_found_exception (404),
 * parsing_exception (400, a query that does not parse), es_rejected_execution_exception (429,
 * a full search queue; Elasticsearch sends no Retry-After, so the client backs off).
 */
import type { ConnectorDefinition } from '@autonomic/workflow';

const host = {
  type: 'string',
  title: 'Host',
  description: 'The cluster endpoint, such as es.acme.internal or my-deployment.es.eu-west-1.aws.found.io.',
  pattern: '^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$',
};
const port = {
  type: 'string',
  title: 'Port',
  description: 'The HTTPS port: 9200 for a self-managed cluster, 443 on Elastic Cloud.',
  pattern: '^[1-9][0-9]{0,4}$',
  default: '9200',
};

const shards = {
  type: 'object',
  required: ['total', 'successful', 'failed'],
  properties: {
    total: { type: 'integer' },
    successful: { type: 'integer' },
    skipped: { type: 'integer' },
    failed: { type: 'integer' },
  },
};

export const elasticsearch: ConnectorDefinition = {
  formatVersion: 1,
  id: 'elasticsearch',
  name: 'Elasticsearch',
  vendor: 'Elastic',
  version: '1.0.0',
  description: 'Searches Elasticsearch indices with the Query DSL and reads the cluster health (REST API 8.x).',
  baseUrl: 'https://{{ host }}:{{ port }}',
  auth: { type: 'api_key', in: 'header', name: 'Authorization', prefix: 'ApiKey ' },
  settings: { type: 'object', properties: { host, port }, required: ['host', 'port'], additionalProperties: false },
  retryableStatuses: [429, 502, 503, 504],
  healthAction: { action: 'cluster_health', params: {} },
  actions: {
    search: {
      title: 'Search',
      description:
        'Runs a Query DSL query over an index, data stream, alias or pattern (logs-*) and returns the matching documents, best first unless sorted.',
      effect: 'read',
      method: 'POST',
      path: '/{{ index }}/_search',
      body: { query: '{{ query }}', size: '{{ size }}', sort: '{{ sort }}', _source: '{{ fields }}' },
      params: {
        type: 'object',
        properties: {
          index: {
            type: 'string',
            title: 'Index',
            description: 'An index, data stream or alias; * patterns and comma lists allowed (logs-*,auth).',
            pattern: '^[a-z0-9*][a-z0-9*._+,:-]{0,254}$',
          },
          query: {
            type: 'object',
            title: 'Query (Query DSL)',
            description: 'The query object, such as {"term": {"source.ip": "203.0.113.66"}} or {"match_all": {}}.',
            minProperties: 1,
          },
          size: { type: 'integer', title: 'At most this many documents', minimum: 0, maximum: 10_000, default: 10 },
          sort: {
            type: 'array',
            title: 'Sort',
            description: 'Sort clauses, such as [{"@timestamp": "desc"}].',
            maxItems: 10,
          },
          fields: {
            type: 'array',
            title: 'Fields',
            description: 'Only these fields of each document (_source filtering); all when absent.',
            items: { type: 'string', minLength: 1, maxLength: 255 },
            maxItems: 100,
          },
        },
        required: ['index', 'query'],
        additionalProperties: false,
      },
      response: {
        type: 'object',
        required: ['took', 'timed_out', 'hits'],
        properties: {
          took: { type: 'integer' },
          timed_out: { type: 'boolean' },
          _shards: shards,
          hits: {
            type: 'object',
            required: ['hits'],
            properties: {
              total: {
                type: 'object',
                required: ['value', 'relation'],
                properties: { value: { type: 'integer' }, relation: { enum: ['eq', 'gte'] } },
              },
              max_score: { type: ['number', 'null'] },
              hits: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['_index', '_id'],
                  properties: {
                    _index: { type: 'string' },
                    _id: { type: 'string' },
                    _score: { type: ['number', 'null'] },
                    _source: { type: 'object' },
                    sort: { type: 'array' },
                  },
                },
              },
            },
          },
        },
      },
      idempotency: 'none',
      example: {
        took: 4,
        timed_out: false,
        _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
        hits: {
          total: { value: 2, relation: 'eq' },
          max_score: null,
          hits: [
            {
              _index: '.ds-logs-auth-2026.12.05-000001',
              _id: 'kT3qPZMB2nX0cJ4yW8aB',
              _score: null,
              _source: {
                '@timestamp': '2026-12-05T21:10:09.000Z',
                source: { ip: '203.0.113.66' },
                user: { name: 'j.doe' },
                event: { outcome: 'success' },
              },
              sort: [1_733_433_009_000],
            },
            {
              _index: '.ds-logs-auth-2026.12.05-000001',
              _id: 'jD3qPZMB2nX0cJ4yW8Z9',
              _score: null,
              _source: {
                '@timestamp': '2026-12-05T21:10:05.000Z',
                source: { ip: '203.0.113.66' },
                user: { name: 'j.doe' },
                event: { outcome: 'failure' },
              },
              sort: [1_733_433_005_000],
            },
          ],
        },
      },
    },
    cluster_health: {
      title: 'Cluster health',
      description: 'green, yellow or red, with node and shard counts: fails when the host, port or API key is wrong.',
      effect: 'read',
      method: 'GET',
      path: '/_cluster/health',
      params: { type: 'object', properties: {}, additionalProperties: false },
      response: {
        type: 'object',
        required: ['cluster_name', 'status'],
        properties: {
          cluster_name: { type: 'string' },
          status: { enum: ['green', 'yellow', 'red'] },
          timed_out: { type: 'boolean' },
          number_of_nodes: { type: 'integer' },
          number_of_data_nodes: { type: 'integer' },
          active_primary_shards: { type: 'integer' },
          active_shards: { type: 'integer' },
          relocating_shards: { type: 'integer' },
          initializing_shards: { type: 'integer' },
          unassigned_shards: { type: 'integer' },
          active_shards_percent_as_number: { type: 'number' },
        },
      },
      idempotency: 'none',
      example: {
        cluster_name: 'soc-logs',
        status: 'green',
        timed_out: false,
        number_of_nodes: 3,
        number_of_data_nodes: 3,
        active_primary_shards: 42,
        active_shards: 84,
        relocating_shards: 0,
        initializing_shards: 0,
        unassigned_shards: 0,
        active_shards_percent_as_number: 100,
      },
    },
  },
};
