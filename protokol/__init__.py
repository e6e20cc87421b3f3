"""protokol: meeting agendas and minutes for municipal boards and committees."""
