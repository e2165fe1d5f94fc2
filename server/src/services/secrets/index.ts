export { createSecretsVault, type SecretsVaultService } from './vault';
export { createCipher, type Cipher, type Sealed } from './cipher';
export { loadMasterKey, KEY_FILE } from './master-key';
