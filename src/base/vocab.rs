//! The closed vocabulary of paths: channels, clouds, and the cloud a channel implies.
//! Providers, products and regions are open: packs and catalogs name them (`base::ids`).

/// Each closed term: its derives (serde and clap read and write it, strum names it), the
/// word it is written as in plans, packs and output, and every term in the order the
/// schemas list them.
macro_rules! closed_words {
    ($($(#[$doc:meta])* pub enum $name:ident { $($variant:ident),* $(,)? })*) => {$(
        $(#[$doc])*
        #[derive(
            Debug,
            Clone,
            Copy,
            PartialEq,
            Eq,
            PartialOrd,
            Ord,
            Hash,
            serde::Serialize,
            serde::Deserialize,
            clap::ValueEnum,
            strum::IntoStaticStr,
            strum::VariantArray,
        )]
        #[serde(rename_all = "kebab-case")]
        #[strum(serialize_all = "kebab-case")]
        pub enum $name {
            $($variant),*
        }

        impl $name {
            pub const ALL: &'static [$name] = <$name as strum::VariantArray>::VARIANTS;

            pub fn as_str(self) -> &'static str {
                self.into()
            }

            /// The term written as `word`, if there is one.
            pub fn parse(word: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|t| t.as_str() == word)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    )*};
}

closed_words! {
    /// How a product is bought or run: a provider's own API, a cloud's model service, a
    /// marketplace, or weights run by the buyer.
    pub enum Channel {
        Direct,
        AzureFoundry,
        Bedrock,
        Vertex,
        OciGenai,
        Gdc,
        Marketplace,
        Partner,
        SelfHosted,
    }

    /// Where inference runs.
    pub enum Cloud {
        Azure,
        Aws,
        Gcp,
        Oci,
        OnPrem,
    }

    /// The buyer's sector, for rules that depend on who buys.
    pub enum Sector {
        Commercial,
        PublicSector,
        Defense,
        Financial,
        Healthcare,
    }

    /// What a catalog product is: a metered API, an app sold by seat, or open weights.
    pub enum Kind {
        Api,
        App,
        OpenWeight,
    }
}

impl Channel {
    /// The cloud the channel runs on, where the channel decides it (`bedrock` → `aws`).
    pub fn implied_cloud(self) -> Option<Cloud> {
        match self {
            Channel::AzureFoundry => Some(Cloud::Azure),
            Channel::Bedrock => Some(Cloud::Aws),
            Channel::Vertex => Some(Cloud::Gcp),
            Channel::OciGenai => Some(Cloud::Oci),
            Channel::Direct
            | Channel::Gdc
            | Channel::Marketplace
            | Channel::Partner
            | Channel::SelfHosted => None,
        }
    }
}

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

/// Every channel × cloud pair a path can take: a channel that implies its cloud pairs
/// with that cloud only.
pub fn channel_cloud_pairs() -> impl Iterator<Item = (Channel, Cloud)> {
    Channel::ALL.iter().flat_map(|&channel| {
        let implied = channel.implied_cloud();
        Cloud::ALL
            .iter()
            .filter(move |&&cloud| implied.is_none_or(|i| i == cloud))
            .map(move |&cloud| (channel, cloud))
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
        let words = |all: &[&str]| all.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        let channels = words(&Channel::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>());
        let clouds = words(&Cloud::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>());
        let sectors = words(&Sector::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>());
        let kinds = words(&Kind::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>());
        let plan = crate::input::schema::PLAN_SCHEMA;
        let policy = crate::input::schema::POLICY_SCHEMA;
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
            clouds
        );
        assert_eq!(schema_enum(policy, "/$defs/cloud/enum"), clouds);
        assert_eq!(
            schema_enum(policy, "/$defs/cloud-pattern/else/enum"),
            clouds
        );
        assert_eq!(
            schema_enum(plan, "/$defs/plan/properties/sector/enum"),
            sectors
        );
        assert_eq!(
            schema_enum(policy, "/$defs/sector-pattern/else/enum"),
            sectors
        );
        assert_eq!(schema_enum(policy, "/$defs/kind-pattern/else/enum"), kinds);
    }

    #[test]
    fn implied_clouds() {
        assert_eq!(Channel::Bedrock.implied_cloud(), Some(Cloud::Aws));
        assert_eq!(Channel::Direct.implied_cloud(), None);
        assert!(channel_cloud_pairs().any(|p| p == (Channel::Direct, Cloud::OnPrem)));
        assert!(!channel_cloud_pairs().any(|p| p == (Channel::Bedrock, Cloud::Azure)));
        assert_eq!(Channel::parse("self-hosted"), Some(Channel::SelfHosted));
        assert_eq!(Cloud::OnPrem.to_string(), "on-prem");
        assert_eq!(Sector::parse("public-sector"), Some(Sector::PublicSector));
        assert_eq!(Kind::OpenWeight.as_str(), "open-weight");
    }

    #[test]
    fn clap_and_serde_spell_each_term_as_the_schemas_do() {
        use clap::ValueEnum;
        for channel in Channel::ALL {
            let pv = channel.to_possible_value().unwrap();
            assert_eq!(pv.get_name(), channel.as_str());
            let json = serde_json::to_string(channel).unwrap();
            assert_eq!(json, format!("\"{channel}\""));
        }
        for cloud in Cloud::ALL {
            assert_eq!(
                cloud.to_possible_value().unwrap().get_name(),
                cloud.as_str()
            );
            assert_eq!(
                serde_json::to_string(cloud).unwrap(),
                format!("\"{cloud}\"")
            );
        }
        for sector in Sector::ALL {
            assert_eq!(
                sector.to_possible_value().unwrap().get_name(),
                sector.as_str()
            );
            assert_eq!(
                serde_json::to_string(sector).unwrap(),
                format!("\"{sector}\"")
            );
        }
        for kind in Kind::ALL {
            assert_eq!(serde_json::to_string(kind).unwrap(), format!("\"{kind}\""));
        }
    }
}
