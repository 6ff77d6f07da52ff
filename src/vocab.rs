//! The closed vocabulary of paths: channels, clouds, and the cloud a channel implies.
//! Providers, products and regions are open: packs and catalogs name them.

/// Every channel, and the cloud it runs on where the channel decides it.
pub const CHANNELS: &[(&str, Option<&str>)] = &[
    ("direct", None),
    ("azure-foundry", Some("azure")),
    ("bedrock", Some("aws")),
    ("vertex", Some("gcp")),
    ("oci-genai", Some("oci")),
    ("gdc", None),
    ("marketplace", None),
    ("partner", None),
    ("self-hosted", None),
];

/// A deployment's decision, and the status of a path: `denied` (any error), `conditional`
/// (warnings only), `allowed`. Ordered from the most permissive.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    Allowed,
    Conditional,
    Denied,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Allowed => "allowed",
            Decision::Conditional => "conditional",
            Decision::Denied => "denied",
        }
    }
}

pub const CLOUDS: &[&str] = &["azure", "aws", "gcp", "oci", "on-prem"];

pub const SECTORS: &[&str] = &[
    "commercial",
    "public-sector",
    "defense",
    "financial",
    "healthcare",
];

pub const KINDS: &[&str] = &["api", "app", "open-weight"];

/// The cloud a channel implies (`bedrock` → `aws`), if it implies one.
pub fn implied_cloud(channel: &str) -> Option<&'static str> {
    CHANNELS
        .iter()
        .find(|(c, _)| *c == channel)
        .and_then(|(_, cloud)| *cloud)
}

/// Every channel × cloud pair a path can take: a channel that implies its cloud pairs
/// with that cloud only.
pub fn channel_cloud_pairs() -> impl Iterator<Item = (&'static str, &'static str)> {
    CHANNELS.iter().flat_map(|(channel, implied)| {
        let clouds: &[&str] = match implied {
            Some(cloud) => std::slice::from_ref(cloud),
            None => CLOUDS,
        };
        clouds.iter().map(move |cloud| (*channel, *cloud))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn schema_enum(schema: &str, pointer: &str) -> Vec<String> {
        let json: Value = serde_json::from_str(schema).unwrap();
        json.pointer(pointer)
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .filter(|v| v != "*")
            .collect()
    }

    #[test]
    fn the_schemas_list_the_same_vocabulary() {
        let channels: Vec<String> = CHANNELS.iter().map(|(c, _)| c.to_string()).collect();
        let plan = crate::schema::PLAN_SCHEMA;
        let policy = crate::schema::POLICY_SCHEMA;
        assert_eq!(
            schema_enum(plan, "/$defs/deployment/properties/channel/enum"),
            channels
        );
        assert_eq!(
            schema_enum(policy, "/$defs/channel-pattern/else/enum"),
            channels
        );
        assert_eq!(
            schema_enum(plan, "/$defs/deployment/properties/cloud/enum"),
            CLOUDS
        );
        assert_eq!(schema_enum(policy, "/$defs/cloud/enum"), CLOUDS);
        assert_eq!(
            schema_enum(policy, "/$defs/cloud-pattern/else/enum"),
            CLOUDS
        );
        assert_eq!(
            schema_enum(plan, "/$defs/plan/properties/sector/enum"),
            SECTORS
        );
        assert_eq!(
            schema_enum(policy, "/$defs/sector-pattern/else/enum"),
            SECTORS
        );
        assert_eq!(schema_enum(policy, "/$defs/kind-pattern/else/enum"), KINDS);
    }

    #[test]
    fn implied_clouds() {
        assert_eq!(implied_cloud("bedrock"), Some("aws"));
        assert_eq!(implied_cloud("direct"), None);
        assert!(channel_cloud_pairs().any(|p| p == ("direct", "on-prem")));
        assert!(!channel_cloud_pairs().any(|p| p == ("bedrock", "azure")));
    }
}
