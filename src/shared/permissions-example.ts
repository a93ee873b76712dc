/**
 * Shaped as the docs' example (operator, a month RANGE with {gte, lte},
 * validation_type left to its EQUAL default) and valid on the offline
 * sandbox's secured sales-orders dataset: Qrvey shows no rows unless the
 * token names every security column, so the other three are granted with "*".
 */
export const PERMISSIONS_EXAMPLE = `[
  {
    "dataset_id": "sales-orders",
    "operator": "AND",
    "record_permissions": [
      { "security_name": "region", "values": ["Europe", "North America"] },
      { "security_name": "order_date", "validation_type": "RANGE", "group_value": "month", "values": [{ "gte": "Jan 2025", "lte": "Dec 2025" }] },
      { "security_name": "country", "values": ["*"] },
      { "security_name": "category", "values": ["*"] },
      { "security_name": "customer_segment", "values": ["*"] }
    ]
  }
]`
