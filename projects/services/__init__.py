"""Write paths of master data (DOMAIN §8): every door (pages, API, import) calls these."""
