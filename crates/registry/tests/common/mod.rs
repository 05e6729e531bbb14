//! What the registry's tests share.

use citynets_registry::store::Batch;
use citynets_registry::Registry;

/// A registry in a fresh SQLite file that knows the gazetteer's networks
/// and no fact; the folder lives as long as the returned guard.
pub async fn registry_with_networks() -> (Registry, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let r = Registry::open(dir.path().join("registry.db").to_str().unwrap()).await.unwrap();
    let g = r.gazetteer();
    r.store().write(&Batch { networks: g.networks().to_vec(), ..Default::default() }).await.unwrap();
    (r, dir)
}
