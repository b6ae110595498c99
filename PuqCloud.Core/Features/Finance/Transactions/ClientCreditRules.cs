using PuqCloud.Core.Domain.Clients;

namespace PuqCloud.Core.Features.Finance;

/// <summary>The credit read model, shared by the query and the command that sets the limit.</summary>
public static class ClientCreditRules
{
    /// <summary>The client with its currency loaded.</summary>
    public static ClientCredit ToDto(Client client)
    {
        var currency = client.Currency!;
        var available = client.Balance + client.CreditLimit;
        return new ClientCredit(client.Id, currency.Code, client.Balance, client.CreditLimit, available,
            currency.FormatAmount(client.Balance), currency.FormatAmount(client.CreditLimit), currency.FormatAmount(available));
    }
}
