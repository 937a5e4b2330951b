/**
 * The real S3 server the S3 suites talk to: Ceph's RADOS gateway started by
 * scripts/s3-test-gateway.sh (on free ports; .ci/run starts it and exports its endpoint as
 * WHEELHOUSE_TEST_S3_ENDPOINT). Credentials are the throwaway cluster's test user unless overridden.
 */
export const S3_ENDPOINT = process.env.WHEELHOUSE_TEST_S3_ENDPOINT;
export const S3_KEY = process.env.WHEELHOUSE_TEST_S3_ACCESS_KEY ?? 'TESTKEY';
export const S3_SECRET = process.env.WHEELHOUSE_TEST_S3_SECRET_KEY ?? 'TESTSECRET';

/** For describeWhenAvailable: undefined when a gateway is configured, else how to start one. */
export const s3GatewayMissing: string | undefined =
  S3_ENDPOINT === undefined
    ? 'WHEELHOUSE_TEST_S3_ENDPOINT is not set (needs apt-get install --no-install-recommends radosgw ' +
      'ceph-mon ceph-osd; then `export WHEELHOUSE_TEST_S3_ENDPOINT=$(scripts/s3-test-gateway.sh start ' +
      '/tmp/s3gw)` — it prints the endpoint on the free port it chose; stop with ' +
      '`scripts/s3-test-gateway.sh stop /tmp/s3gw`)'
    : undefined;
