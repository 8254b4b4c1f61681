// One virtual network for everything that must reach the project data privately: the Function app
// (regional VNet integration), the Batch pools (NFS mounts) and the private endpoints of the project
// storage account. Private DNS zones make the account's public names resolve to those endpoints.

param location string
param tags object
param name string
param addressPrefix string = '10.40.0.0/16'

var storageSuffix = environment().suffixes.storage
// Only the storage services the app and the pools use privately; the outputs index this list.
var privateDnsZoneNames = [
  'privatelink.blob.${storageSuffix}'
  'privatelink.queue.${storageSuffix}'
  'privatelink.table.${storageSuffix}'
]

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [addressPrefix]
    }
    subnets: [
      {
        // Flex Consumption integrates through a subnet delegated to Microsoft.App/environments.
        name: 'functions'
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 0)
          delegations: [
            {
              name: 'flex-consumption'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
      {
        name: 'private-endpoints'
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 1)
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
      {
        // A /20 leaves room for large MPI pools: Batch takes one address per node.
        name: 'batch'
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 20, 1)
          // The scratch share's account admits this subnet through its service endpoint.
          serviceEndpoints: [
            {
              service: 'Microsoft.Storage'
            }
          ]
        }
      }
    ]
  }

  resource functionsSubnet 'subnets' existing = {
    name: 'functions'
  }

  resource privateEndpointsSubnet 'subnets' existing = {
    name: 'private-endpoints'
  }

  resource batchSubnet 'subnets' existing = {
    name: 'batch'
  }
}

resource dnsZones 'Microsoft.Network/privateDnsZones@2024-06-01' = [for zone in privateDnsZoneNames: {
  name: zone
  location: 'global'
  tags: tags
}]

resource dnsLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [for (zone, i) in privateDnsZoneNames: {
  parent: dnsZones[i]
  name: '${name}-link'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: vnet.id
    }
  }
}]

output vnetId string = vnet.id
output functionsSubnetId string = vnet::functionsSubnet.id
output privateEndpointsSubnetId string = vnet::privateEndpointsSubnet.id
output batchSubnetId string = vnet::batchSubnet.id
output blobDnsZoneId string = dnsZones[0].id
output queueDnsZoneId string = dnsZones[1].id
output tableDnsZoneId string = dnsZones[2].id
