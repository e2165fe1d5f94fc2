export { createAssetService, type AssetService } from './service';
export { assetsFromCsv, assetsToCsv, COLUMNS } from './rows';
export { parseCsv, csvCell, CsvSyntaxError } from './csv';
