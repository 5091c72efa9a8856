/**
 * A new panel's policy: one availability SLO read from two queries named
 * `good` and `total` (rename the queries, or map them under Series mappings).
 */
export const DEFAULT_POLICY = `apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata:
  name: my-service
spec:
  slos:
    - name: availability
      objective: 99.9%
      window: {rolling: 28d}
      sli:
        ratio:
          # Queries with refId "good" and "total", e.g.
          # sum(increase(http_requests_total{code!~"5.."}[$__interval]))
          good: {name: good, kind: increase}
          total: {name: total, kind: increase}
  policy:
    levels: [healthy, warning, freeze]
    rules:
      - {level: warning, when: "remaining < 50%", action: "Prioritise reliability work"}
      - {level: freeze, when: "remaining < 10%", action: "Feature freeze: only reliability fixes ship"}
`;
