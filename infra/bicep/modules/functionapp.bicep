// The Functions app (DocPipeline.Functions, dotnet-isolated on .NET 10) and its plan.
//
// FlexConsumption (the default): scales to zero and bills per execution; deploys from a blob container read with the
// app identity, so it needs no Azure Files share and no storage key. ElasticPremium: always-ready instances (no cold
// start, VNet-heavy or steady loads); with shared keys off it cannot use the Azure Files content share, so it runs
// from a package blob (WEBSITE_RUN_FROM_PACKAGE set to a blob URL, read with the app identity).

@description('Azure region.')
param location string

@description('Function app name (the host name is {name}.azurewebsites.net).')
param name string

@description('Plan name.')
param planName string

@description('FlexConsumption or ElasticPremium.')
@allowed([
  'FlexConsumption'
  'ElasticPremium'
])
param plan string = 'FlexConsumption'

@description('Elastic Premium size.')
@allowed([
  'EP1'
  'EP2'
  'EP3'
])
param premiumSku string = 'EP1'

@description('Most instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Flex Consumption instance memory (MB).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Blob endpoint of the storage account (https://{account}.blob.core.windows.net/).')
param blobEndpoint string

@description('Container the deployment package is read from.')
param deploymentContainer string

@description('Package blob in the deployment container that an Elastic Premium app runs from.')
param premiumPackageBlob string = 'docpipeline-functions.zip'

@description('App settings, name to value (Key Vault references included).')
param appSettings object

@description('Allow FTP and SCM basic-authentication publishing. Off: deployments authenticate with Microsoft Entra ID.')
param allowBasicPublishingCredentials bool = false

@description('Tags for every resource.')
param tags object = {}

var isFlex = plan == 'FlexConsumption'
var runtimeVersion = '10.0'
var packageUrl = '${blobEndpoint}${deploymentContainer}/${premiumPackageBlob}'

// Flex Consumption sets the runtime in functionAppConfig and rejects these settings; Elastic Premium needs them.
var premiumSettings = {
  FUNCTIONS_EXTENSION_VERSION: '~4'
  FUNCTIONS_WORKER_RUNTIME: 'dotnet-isolated'
  WEBSITE_RUN_FROM_PACKAGE: packageUrl
  WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID: identityId
}
var settings = isFlex ? appSettings : union(appSettings, premiumSettings)

resource hostingPlan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: isFlex ? 'functionapp' : 'elastic'
  sku: isFlex ? {
    name: 'FC1'
    tier: 'FlexConsumption'
  } : {
    name: premiumSku
    tier: 'ElasticPremium'
  }
  properties: {
    reserved: true
    maximumElasticWorkerCount: isFlex ? null : maximumInstanceCount
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: hostingPlan.id
    httpsOnly: true
    clientCertEnabled: false
    keyVaultReferenceIdentity: identityId
    functionAppConfig: isFlex ? {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainer}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: runtimeVersion
      }
    } : null
    siteConfig: {
      linuxFxVersion: isFlex ? null : 'DOTNET-ISOLATED|${runtimeVersion}'
      minimumElasticInstanceCount: isFlex ? null : 1
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: [for setting in items(settings): {
        name: setting.key
        value: setting.value
      }]
    }
  }
}

resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: allowBasicPublishingCredentials
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: allowBasicPublishingCredentials
  }
}

output name string = site.name
output id string = site.id
output url string = 'https://${site.properties.defaultHostName}'
output packageUrl string = isFlex ? '' : packageUrl
