// The user-assigned identity the Functions app runs as. User-assigned rather than system-assigned: it exists before
// the app, so its role assignments are in place (and propagating) by the time the app first starts, and the same
// identity reads the Flex deployment container, Key Vault references and every identity-based connection.

@description('Azure region.')
param location string

@description('Identity name.')
param name string

@description('Tags for every resource.')
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
